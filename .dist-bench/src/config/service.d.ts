import type { IntegrityConfig, PipelineConfig, ServiceConfig, SpoolConfig } from './types.js';
import { type ListenEndpoint } from './common.js';
import type { Pos } from './issues.js';
import type { Section } from './reader.js';
export declare function readAgentId(s: Section): string;
export declare function readIntegrity(s: Section): IntegrityConfig;
export declare function readSpool(s: Section): SpoolConfig;
export interface PipelineRef {
    id: string;
    pos: Pos;
    path: string;
}
export interface PipelineRead {
    config: PipelineConfig;
    pos: Pos;
    path: string;
    receivers: PipelineRef[];
    processors: PipelineRef[];
    exporters: PipelineRef[];
}
export interface ServiceRead {
    config: ServiceConfig;
    metrics?: ListenEndpoint;
    pipelines: PipelineRead[];
}
export declare function readService(s: Section): ServiceRead;
