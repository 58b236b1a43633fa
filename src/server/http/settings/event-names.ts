// The event names OctoPrint 1.11 offers for subscriptions (plugins.eventmanager.availableEvents in its settings API).

/** OctoPrint's own and its bundled plugins' events, in its order; Argonaut emits these names where it has the event. */
export const SUBSCRIBABLE_EVENTS: readonly string[] = [
  'Startup', 'Shutdown', 'ConnectivityChanged', 'Connecting', 'Connected', 'Disconnecting', 'Disconnected',
  'ConnectionsAutorefreshed', 'PrinterStateChanged', 'PrinterReset', 'ClientOpened', 'ClientClosed', 'ClientAuthed',
  'ClientDeauthed', 'UserLoggedIn', 'UserLoggedOut', 'Upload', 'FileSelected', 'FileDeselected', 'UpdatedFiles',
  'MetadataAnalysisStarted', 'MetadataAnalysisFinished', 'MetadataStatisticsUpdated', 'FileAdded', 'FileRemoved',
  'FileMoved', 'FolderAdded', 'FolderRemoved', 'FolderMoved', 'TransferStarted', 'TransferDone', 'TransferFailed',
  'PrintStarted', 'PrintDone', 'PrintFailed', 'PrintCancelling', 'PrintCancelled', 'PrintPaused', 'PrintResumed',
  'Error', 'ChartMarked', 'PowerOn', 'PowerOff', 'Home', 'ZChange', 'Waiting', 'Dwelling', 'Cooling', 'Alert',
  'Conveyor', 'Eject', 'EStop', 'PositionUpdate', 'FirmwareData', 'ToolChange', 'RegisteredMessageReceived',
  'CommandSuppressed', 'InvalidToolReported', 'FilamentChange', 'CaptureStart', 'CaptureDone', 'CaptureFailed',
  'PostRollStart', 'PostRollEnd', 'MovieRendering', 'MovieDone', 'MovieFailed', 'SlicingStarted', 'SlicingDone',
  'SlicingFailed', 'SlicingCancelled', 'SlicingProfileAdded', 'SlicingProfileModified', 'SlicingProfileDeleted',
  'PrinterProfileAdded', 'PrinterProfileModified', 'PrinterProfileDeleted', 'SettingsUpdated',
  'plugin_achievements_achievement_unlocked', 'plugin_backup_backup_created', 'plugin_firmware_check_warning',
  'plugin_health_check_update_healthcheck',
];
