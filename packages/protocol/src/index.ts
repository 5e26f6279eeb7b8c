export * from './constants.js';
export * from './entities.js';
export * from './errors.js';
export * from './events.js';
export * from './mentions.js';
export * from './rest.js';
export * from './emoji.js';
export * from './quotes.js';
