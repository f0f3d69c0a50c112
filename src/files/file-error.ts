export * from '../read/read-error';
