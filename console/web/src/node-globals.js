// The driver's term builder tests values with `instanceof Buffer` (binary data); the browser
// has no Buffer, so it gets the npm `buffer` package's. Imported before the driver.
import { Buffer } from 'buffer';

globalThis.Buffer = globalThis.Buffer || Buffer;
