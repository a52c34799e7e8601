// class-transformer ships the declarations of its metadata storage under types/, without a mapping for the CommonJS
// path that class-validator-jsonschema's documentation uses.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
