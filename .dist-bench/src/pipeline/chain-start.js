/**
 * Where a stream's chain begins when a sealing stage starts, shared by the
 * agent's pipelines and the SDK processor: resume from the chain state the
 * spool recovered, or a new chain with a signed genesis record whose reason
 * is `new`, or `spool_lost` when the key's stream marker says this stream
 * existed before.
 */
import { randomBytes } from 'node:crypto';
import { Sealer } from '../integrity/sealer.js';
import { newScope } from '../otlp/types.js';
import { readStreamMarker } from './stream-marker.js';
/** Scope of sealog's own control records (seals, genesis, loss records). */
export const CONTROL_SCOPE = newScope('sealog.integrity', '1');
export function startChain(o) {
    const { keys, stream, recovered, logger } = o;
    if (recovered) {
        const sealer = Sealer.resume({ ...o.sealerOpts, signer: keys.signerFor(recovered.epoch) }, recovered);
        logger.info('chain resumed from the spool', { stream: recovered.stream, chain: recovered.chain, seq: recovered.seq, epoch: recovered.epoch });
        return { sealer };
    }
    const marker = readStreamMarker(keys.path, stream);
    const chain = randomBytes(8).toString('hex');
    const { sealer, genesis } = Sealer.genesis(o.sealerOpts, { stream, chain }, marker ? 'spool_lost' : 'new');
    if (marker) {
        logger.warn('no chain state in the spool for a stream that existed before: starting a new chain (the checker will report the restart)', { stream, previousChain: marker.chain, chain });
    }
    else {
        logger.info('new chain', { stream, chain });
    }
    return { sealer, genesis };
}
//# sourceMappingURL=chain-start.js.map