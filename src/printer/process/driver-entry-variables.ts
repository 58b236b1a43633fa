// Names both sides of the driver process agree on (the entry runs at import, so the web side does not import it).

/** The environment variable with the nice value the driver should run at (the web server's before it stepped back). */
export const NICENESS_VARIABLE = 'ARGONAUT_DRIVER_NICENESS';
