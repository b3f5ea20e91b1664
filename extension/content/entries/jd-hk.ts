// Content script for the jd-hk shop pages (manifest content_scripts); the generic schema.org
// adapter is the fallback when the shop's own markup yields nothing.
import { startContentScript } from '../run.ts';
import { site } from '../sites/jd-hk.ts';
import { site as generic } from '../sites/generic.ts';

startContentScript([site, generic]);
