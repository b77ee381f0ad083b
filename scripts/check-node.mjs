#!/usr/bin/env node
// `npm install` / `npm ci` preinstall step. npm itself refuses an old Node.js first where .npmrc's
// engine-strict is in force (it runs no project code before that); this German sentence is
// what users see where engine-strict was switched off.
import { requireSupportedNode } from './node-version.mjs';

requireSupportedNode();
