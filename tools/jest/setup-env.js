// All times are UTC; decorators need reflect-metadata before any Nest/class-validator code loads.
process.env.TZ = 'UTC';
require('reflect-metadata');
