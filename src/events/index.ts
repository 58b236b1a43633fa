// Public surface of src/events.
export { EventBus } from './event-bus.js';
export type { EventName, EventPayloads, PrintPayload } from './event-types.js';
