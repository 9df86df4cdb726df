/** In a host process (outside jest), makes `require('@azure/functions-core')` resolve to our stand-in. */
import Module from 'node:module';
import path from 'node:path';

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

let installed = false;

export function installCoreShim(): void {
  if (installed) return;
  installed = true;
  const moduleWithResolver = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = moduleWithResolver._resolveFilename;
  const shimPath = path.join(__dirname, 'functions-core-shim.js');
  moduleWithResolver._resolveFilename = function resolve(request, parent, isMain, options) {
    if (request === '@azure/functions-core') return shimPath;
    return original.call(this, request, parent, isMain, options);
  };
}
