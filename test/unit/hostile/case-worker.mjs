// Worker thread entry: the cases run under tsx's loader here, away from the test runner, so a
// case that hangs or exhausts memory can be stopped (the worker is terminated) instead of
// stopping the whole test run.
import { register } from 'tsx/esm/api';

register();
await import('./case-runner.ts');
