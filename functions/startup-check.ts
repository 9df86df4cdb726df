/**
 * Loaded with the app's other entry modules (package.json "main" globs every file under functions/): settings that
 * must be stated in Azure are checked when the worker loads the app, so a misconfigured deployment fails at start
 * with a message naming the setting, not later with work sent where nothing reads it.
 */
import { assertStatedInAzure } from './app-settings';

assertStatedInAzure(process.env);
