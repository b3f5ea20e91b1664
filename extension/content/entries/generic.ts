// Content script for sites the user switched on in the popup (registered with chrome.scripting):
// only the generic schema.org / Open Graph adapter.
import { startContentScript } from '../run.ts';
import { site as generic } from '../sites/generic.ts';

startContentScript([generic]);
