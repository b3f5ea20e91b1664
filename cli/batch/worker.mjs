// Worker thread entry: worker threads do not inherit the TypeScript loader, so register it here.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
