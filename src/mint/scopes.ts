// Builders for the three scopes twilio's ClientCapability writes, with parameters in its order.
import type { AppParams, Capability, CapabilityParamValue } from '../capabilities/types.js';
import { optionError } from '../options.js';

/** The path twilio's EventStreamScope always subscribes to. */
export const EVENT_STREAM_PATH = '/2010-04-01/Events';

/**
 * `scope:client:incoming?clientName=…`: receive calls as `clientName`.
 *
 * @example
 * await mintCapabilityToken({ accountSid, secret, capabilities: [incomingScope('alice')] });
 *
 * @throws never: values are checked when minting (`CONFIG_INVALID`).
 */
export function incomingScope(clientName: string): Capability {
  return { service: 'client', privilege: 'incoming', params: { clientName } };
}

/**
 * `scope:client:outgoing?appSid=…&clientName=…&appParams=…`: place calls through application
 * `appSid`, as `clientName`, passing `appParams` to it.
 *
 * @example
 * outgoingScope({ appSid: 'AP' + '0'.repeat(32), clientName: 'alice', appParams: { queue: 'sales' } });
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when `options` is not an object; values are checked when
 * minting (`CONFIG_INVALID`, e.g. an `appSid` that is not an AP sid).
 */
export function outgoingScope(options: { appSid: string; clientName?: string; appParams?: AppParams }): Capability {
  const given: unknown = options;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw optionError('outgoingScope options', 'an object: { appSid, clientName?, appParams? }');
  const params: Record<string, CapabilityParamValue> = { appSid: options.appSid };
  if (options.clientName !== undefined) params['clientName'] = options.clientName;
  if (options.appParams !== undefined) params['appParams'] = options.appParams;
  return { service: 'client', privilege: 'outgoing', params };
}

/**
 * `scope:stream:subscribe?path=/2010-04-01/Events[&appParams=…]`: subscribe to the event stream,
 * with `filters` as `appParams` when there are any (as twilio writes it).
 *
 * @example
 * eventStreamScope({ CallSid: 'CA…' });
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when `filters` is given and is not an object; values are
 * checked when minting (`CONFIG_INVALID`).
 */
export function eventStreamScope(filters?: AppParams): Capability {
  const given: unknown = filters;
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) throw optionError('eventStreamScope filters', 'an object of strings');
  const params: Record<string, CapabilityParamValue> = { path: EVENT_STREAM_PATH };
  if (filters !== undefined && Object.keys(filters).length > 0) params['appParams'] = filters;
  return { service: 'stream', privilege: 'subscribe', params };
}
