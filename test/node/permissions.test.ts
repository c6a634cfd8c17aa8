/**
 * Permissions (issue 3): the sandbox's virtual filesystem needs none; a host directory mounted
 * into it is denied by default and granted by the `fs` policy, request by request.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NodeRuntime, createHostDirectoryFileSystem, createNodeDriver, createNodeRuntimeDriverFactory, type PermissionRequest } from "../../index.js";

const hostDir = mkdtempSync(join(tmpdir(), "secure-exec-perm-"));
writeFileSync(join(hostDir, "shared.txt"), "from the host");
writeFileSync(join(hostDir, "secret.txt"), "keep out");
afterAll(() => rmSync(hostDir, { recursive: true, force: true }));

async function exec(runtime: NodeRuntime, code: string): Promise<string> {
  const lines: string[] = [];
  await runtime.exec(code, { onStdio: (event) => lines.push(event.message) });
  runtime.dispose();
  return lines.join("\n");
}

const probe = `
  const read = (path) => { try { return require("fs").readFileSync(path, "utf8"); } catch (e) { return e.code + " " + e.message; } };
  console.log(read("/host/shared.txt"));
  console.log(read("/host/secret.txt"));
`;

describe("fs permission for host directories", () => {
  it("is denied by default with EACCES naming the capability", async () => {
    const runtime = new NodeRuntime({
      systemDriver: createNodeDriver({ mounts: [{ path: "/host", filesystem: createHostDirectoryFileSystem({ root: hostDir }) }] }),
      runtimeDriverFactory: createNodeRuntimeDriverFactory(),
    });
    const lines = (await exec(runtime, probe)).split("\n");
    expect(lines).toEqual([
      "EACCES EACCES: permission denied: fs access is not granted to the sandbox, open '/host/shared.txt'",
      "EACCES EACCES: permission denied: fs access is not granted to the sandbox, open '/host/secret.txt'",
    ]);
  });

  it("is granted per request by the policy, which sees what is asked", async () => {
    const requests: PermissionRequest[] = [];
    const runtime = new NodeRuntime({
      systemDriver: createNodeDriver({
        mounts: [{ path: "/host", filesystem: createHostDirectoryFileSystem({ root: hostDir }) }],
        permissions: {
          fs: (request) => {
            requests.push(request);
            return { allow: !request.target.includes("secret"), reason: "secrets stay on the host" };
          },
        },
      }),
      runtimeDriverFactory: createNodeRuntimeDriverFactory(),
    });
    const lines = (await exec(runtime, probe)).split("\n");
    expect(lines[0]).toBe("from the host");
    expect(lines[1]).toBe("EACCES EACCES: permission denied: fs access is not granted to the sandbox: secrets stay on the host, open '/host/secret.txt'");
    expect(requests).toContainEqual({ capability: "fs", operation: "read", target: "/host/shared.txt" });
  });

  it("needs no permission for the sandbox's own filesystem", async () => {
    const runtime = new NodeRuntime({ systemDriver: createNodeDriver(), runtimeDriverFactory: createNodeRuntimeDriverFactory() });
    const out = await exec(runtime, `const fs = require("fs"); fs.writeFileSync("/tmp/x", "mine"); console.log(fs.readFileSync("/tmp/x", "utf8"));`);
    expect(out).toBe("mine");
  });
});
