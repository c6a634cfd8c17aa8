// @secure-exec/core: the kernel, its syscall contract, the filesystems and the basic commands.
export * from "../../dist/index.js";
