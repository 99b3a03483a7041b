/**
 * Where a stream's chain begins when a sealing stage starts, shared by the
 * agent's pipelines and the SDK processor: resume from the chain state the
 * spool recovered, or a new chain with a signed genesis record whose reason
 * is `new`, `spool_lost` when the key's stream marker says this stream
 * existed before, or `spool_tail_lost` when exporters had acknowledged
 * frames the spool no longer holds (docs/PROTOCOL.md §6.1): then the chain
 * the spool still holds is not resumed, so that no seq is used twice.
 */
import { randomBytes } from 'node:crypto';
import type { ChainState, SealerOptions } from '../integrity/sealer.js';
import { Sealer } from '../integrity/sealer.js';
import { REASON_SPOOL_TAIL_LOST, type TailLostFields } from '../integrity/control.js';
import { newScope, type ResourceLogs } from '../otlp/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { KeyManager } from './key-manager.js';
import { readStreamMarker } from './stream-marker.js';

/** Scope of sealog's own control records (seals, genesis, loss records). */
export const CONTROL_SCOPE = newScope('sealog.integrity', '1');

export interface ChainStart {
  sealer: Sealer;
  /** The genesis record to write first, for a new chain. */
  genesis?: ResourceLogs;
  /** 'resumed', or the new chain's genesis reason. */
  reason: string;
}

export function startChain(o: {
  keys: KeyManager;
  stream: string;
  recovered: ChainState | undefined;
  sealerOpts: SealerOptions;
  logger: Logger;
  /** What the spool lost, when its tail was lost: the new chain's genesis declares it. */
  tailLost?: TailLostFields;
}): ChainStart {
  const { keys, stream, recovered, logger, tailLost } = o;
  if (tailLost) {
    const chain = randomBytes(8).toString('hex');
    const { sealer, genesis } = Sealer.genesis(o.sealerOpts, { stream, chain }, REASON_SPOOL_TAIL_LOST, tailLost);
    logger.warn(
      'exporters had acknowledged spool frames that are no longer in the spool (its tail was lost): starting a new chain whose signed genesis declares it, so no seq is used twice (the checker reports it as spool_tail_lost)',
      {
        stream,
        chain,
        previousChain: tailLost.prevChain,
        lastSeqInSpool: tailLost.lastSeq,
        lastFrameOnDisk: tailLost.lastFrame,
        ackedFrame: tailLost.ackedFrame,
        ...(tailLost.ackedSeq > 0 ? { ackedChain: tailLost.ackedChain, ackedSeq: tailLost.ackedSeq } : {}),
      },
    );
    return { sealer, genesis, reason: REASON_SPOOL_TAIL_LOST };
  }
  if (recovered) {
    const sealer = Sealer.resume({ ...o.sealerOpts, signer: keys.signerFor(recovered.epoch) }, recovered);
    logger.info('chain resumed from the spool', { stream: recovered.stream, chain: recovered.chain, seq: recovered.seq, epoch: recovered.epoch });
    return { sealer, reason: 'resumed' };
  }
  const marker = readStreamMarker(keys.path, stream);
  const chain = randomBytes(8).toString('hex');
  const reason = marker ? 'spool_lost' : 'new';
  const { sealer, genesis } = Sealer.genesis(o.sealerOpts, { stream, chain }, reason);
  if (marker) {
    logger.warn('no chain state in the spool for a stream that existed before: starting a new chain (the checker will report the restart)', { stream, previousChain: marker.chain, chain });
  } else {
    logger.info('new chain', { stream, chain });
  }
  return { sealer, genesis, reason };
}
