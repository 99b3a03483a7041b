/** Shapes shared by the end-to-end scenarios and the runner. */
export function toMetrics(records, seconds, bytes, cpu, peakRssBytes) {
    return {
        records,
        seconds,
        recordsPerSec: records / seconds,
        mbPerSec: bytes / 1e6 / seconds,
        cpuSeconds: Number(cpu.toFixed(3)),
        cpuSecPerMRecords: Number(((cpu / records) * 1e6).toFixed(3)),
        peakRssMb: peakRssBytes / 1024 / 1024,
    };
}
//# sourceMappingURL=types.js.map