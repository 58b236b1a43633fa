// config.yaml `serial.*`: the printer connection.
import { atStart, field } from './fields.js';

export const serialSchema = {
  port: field.optionalString(null, 'Serial port to connect to; null or AUTO to detect, VIRTUAL for the built-in printer.'),
  baudrate: field.integer(0, 'Baud rate; 0 means detect automatically.', 0, 4000000),
  autoconnect: field.boolean(false, 'Connect to the printer when the server starts.'),
  baudrates: field.integerList([250000, 230400, 115200, 57600, 38400, 19200, 9600], 'Baud rates offered besides the usual ones (250000 to 9600); detection tries the usual ones.'),
  additionalPorts: atStart(field.stringList([], 'Extra ports (or globs) to offer, e.g. /dev/ttyS*.')),
  timeout: {
    connection: field.number(10, 'Seconds to wait for the printer to answer when connecting.', 0.5, 600),
    detection: field.number(1, 'Seconds to wait per port and baud rate while detecting.', 0.1, 60),
    communication: field.number(30, 'Seconds without an answer, or without an ok for a line sent (temperature reports do not count), before the link is checked.', 0.5, 3600),
    communicationBusy: field.number(3, 'Seconds to wait while the printer says busy.', 0.5, 3600),
    temperature: field.number(5, 'Seconds between temperature polls.', 0.5, 600),
    temperatureAutoreport: field.integer(2, 'Seconds between automatic temperature reports (M155).', 0, 60),
    positionLogWait: field.number(10, 'Kept from OctoPrint; no effect: events carry the last position the printer reported (M114) and Argonaut does not ask for one at a pause.', 0.5, 600),
  },
  maxCommunicationTimeouts: {
    idle: field.integer(2, 'Timeouts in a row while idle before the connection is given up.', 0, 100),
    printing: field.integer(5, 'Timeouts in a row while printing before the connection is given up.', 0, 100),
  },
  checksumRequiringCommands: field.stringList(['M110'], 'Commands always sent with a checksum.'),
  alwaysSendChecksum: field.boolean(false, 'Send line numbers and checksums with every command, also when not printing (they are always sent while printing and until the firmware has answered M115).'),
  enableShutdownActionCommand: field.boolean(false, 'Shut the host down (server.commands.systemShutdownCommand) when the printer sends //action:shutdown.'),
  advancedOk: field.boolean(false, 'Keep several lines in flight when the firmware reports buffer room (ADVANCED_OK).'),
  resendWindow: field.integer(500, 'Sent lines kept for resend requests.', 10, 100000),
  log: field.boolean(false, 'Write the serial traffic to logs/serial.log.'),
} as const;
