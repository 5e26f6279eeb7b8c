export * from './constants.js';
export * from './entities.js';
export * from './errors.js';
export * from './events.js';
export * from './rest.js';
