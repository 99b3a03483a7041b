export declare function progressBar(label: string): {
    update: (done: number, total: number) => void;
    done: () => void;
};
