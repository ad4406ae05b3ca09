/** The client side of a CCR witness (`ccrx witness`): key and state files, and the cosigning round. */
export { createWitnessKeyFile, createWitnessState, loadWitnessKey, loadWitnessState, saveWitnessState, WitnessFileError, type WitnessKeyFile, type WitnessState } from './witness-files';
export { runWitnessLoop, runWitnessOnce, type WitnessLoop, type WitnessOutcome, type WitnessRefusal, type WitnessRun } from './witness-runner';
