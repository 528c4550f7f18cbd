/**
 * Transport-independent dispatch: validate arguments against the contract, call the service,
 * and turn every failure into ErrorData. Both the IPC and the HTTP hosts use it.
 */
import { CONTRACT, type NigahServices, type ServiceName } from './contract';
import { type ErrorData, NigahError, toErrorData } from './errors';

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ErrorData };

export function createDispatcher(services: NigahServices) {
  return async function dispatch(service: string, method: string, args: unknown): Promise<DispatchResult> {
    try {
      if (!Object.hasOwn(CONTRACT, service))
        throw new NigahError('BAD_ARGUMENT', `Unknown service "${service}".`);
      const methods = CONTRACT[service as ServiceName] as Record<string, import('zod').ZodType>;
      if (!Object.hasOwn(methods, method))
        throw new NigahError('BAD_ARGUMENT', `Unknown method "${service}.${method}".`);
      const parsed = methods[method].safeParse(Array.isArray(args) ? args : []);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`);
        throw new NigahError(
          'BAD_ARGUMENT',
          `Invalid arguments for ${service}.${method}: ${fields.join('; ')}`,
          {
            details: { fields },
          },
        );
      }
      const impl = services[service as ServiceName] as unknown as Record<
        string,
        (...a: unknown[]) => Promise<unknown>
      >;
      const value = await impl[method](...(parsed.data as unknown[]));
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
  };
}
