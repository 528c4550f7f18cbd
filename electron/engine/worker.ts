/**
 * Worker thread entry: runs engine jobs (jobs.ts) posted by pool.ts. Errors travel back as ErrorData.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../shared/errors';
import { closeFiles, type Job, prepareJob, runJob } from './jobs';

parentPort?.on('message', async (msg: { id: number; job?: Job; close?: boolean }) => {
  if (msg.close) {
    closeFiles();
    parentPort?.postMessage({ id: msg.id, ok: true, result: null });
    return;
  }
  try {
    await prepareJob(msg.job as Job);
    const { result, transfer } = runJob(msg.job as Job);
    parentPort?.postMessage({ id: msg.id, ok: true, result }, transfer);
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, ok: false, error: toErrorData(e) });
  }
});
