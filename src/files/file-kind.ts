export * from '../read/file-kind';
