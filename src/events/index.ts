// Public surface of src/events.
export { EventBus } from './event-bus.js';
export type { EventName, EventPayloads, MoviePayload, PrintPayload } from './event-types.js';
