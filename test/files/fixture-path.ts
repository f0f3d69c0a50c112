import * as path from 'path';

export const FIXTURES = path.resolve(__dirname, '../fixtures/files');

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}
