/**
 * A raw OTLP/gRPC client for tests: sends exact protobuf bytes to
 * LogsService/Export with @grpc/grpc-js and returns the status, the decoded
 * google.rpc.Status details and the partial success.
 */
import * as grpc from '@grpc/grpc-js';
import { readResponseProto, readStatusProto, type DecodedStatus } from './wire.js';

export const EXPORT_PATH = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

export interface GrpcReply {
  code: number;
  details: string;
  /** Decoded from grpc-status-details-bin, when present. */
  status?: DecodedStatus;
  partial?: { rejected: bigint; errorMessage: string };
}

export interface ClientOptions {
  gzip?: boolean;
  credentials?: grpc.ChannelCredentials;
  /** Authority to check the server certificate against. */
  serverName?: string;
}

export class RawGrpcClient {
  readonly #client: grpc.Client;

  constructor(target: string, opts: ClientOptions = {}) {
    // A private subchannel pool gives every client its own connection, as separate processes would have.
    const options: grpc.ChannelOptions = { 'grpc.max_send_message_length': -1, 'grpc.use_local_subchannel_pool': 1 };
    if (opts.gzip) options['grpc.default_compression_algorithm'] = 2;
    if (opts.serverName) options['grpc.ssl_target_name_override'] = opts.serverName;
    this.#client = new grpc.Client(target, opts.credentials ?? grpc.credentials.createInsecure(), options);
  }

  export(body: Uint8Array, metadata: Record<string, string> = {}): Promise<GrpcReply> {
    const md = new grpc.Metadata();
    for (const [k, v] of Object.entries(metadata)) md.set(k, v);
    return new Promise((resolve) => {
      this.#client.makeUnaryRequest<Uint8Array, Buffer>(
        EXPORT_PATH,
        (b) => Buffer.from(b),
        (b) => b,
        body,
        md,
        { deadline: Date.now() + 15_000 },
        (err, value) => {
          if (err) {
            const bin = err.metadata?.get('grpc-status-details-bin')[0];
            const reply: GrpcReply = { code: err.code, details: err.details };
            if (bin instanceof Buffer) reply.status = readStatusProto(bin);
            resolve(reply);
            return;
          }
          const reply: GrpcReply = { code: 0, details: '' };
          const partial = value ? readResponseProto(value) : undefined;
          if (partial) reply.partial = partial;
          resolve(reply);
        },
      );
    });
  }

  close(): void {
    this.#client.close();
  }
}
