export * from './address';
export * from './catalogue';
export * from './deadline';
export * from './fill-template';
