export * from './schema.js';
export * from './placeholders.js';
export * from './loader.js';
export * from './defaults.js';
