export * from './civil-date';
export * from './civil-periods';
export * from './official-calendar';
export * from './official-holidays';
export * from './versions-in-force';
export * from './instant';
