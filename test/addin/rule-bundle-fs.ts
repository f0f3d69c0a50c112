/** The bundled rules folder as the pane's webpack build carries it, read from disk for tests (shared with the bench). */
export { ruleBundleFromDisk } from '../../bench/addin-workload';
