#!/usr/bin/env node
// Entry of `npx m3sync`: runs the compiled CLI (built by `npm install` through the prepare script).
const { main } = require('../dist/cli/main.js');
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
