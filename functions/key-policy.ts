/**
 * Loaded with the function app: refuses to start it when the intake or operations keys are missing, shorter than 32
 * characters or shared between the two roles. Throwing while the worker loads the app stops every function from being
 * indexed, so a weak key never serves a single request; the message names the setting, never a key.
 */
import { keySettingsProblem } from './runtime/api-key';

const problem = keySettingsProblem(process.env);
if (problem) throw new Error(`the function app refuses to start: ${problem}`);
