#!/usr/bin/env python3
"""Completes package-lock.json with the optional platform binaries that the npm registry
reachable here does not serve (darwin, win32, ... builds of @swc/core, jest's resolver ...).
npm leaves them out of the lock when it cannot fetch them, and `npm ci` then refuses the lock.
Each is added as an optional entry with its os/cpu, which npm skips on other platforms.
Run after `npm install` changes the lock: python3 scripts/complete-lockfile.py"""
import json, os, re, shutil, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
lock_path = os.path.join(root, "package-lock.json")
OS_NAMES = ["darwin", "win32", "linux", "freebsd", "android", "openharmony", "sunos", "aix", "netbsd", "openbsd"]
CPU_NAMES = [("arm64", "arm64"), ("aarch64", "arm64"), ("x64", "x64"), ("ia32", "ia32"), ("ppc64", "ppc64"),
             ("s390x", "s390x"), ("riscv64", "riscv64"), ("loong64", "loong64"), ("wasm32", "wasm32"), ("arm", "arm")]

def missing_packages():
    work = tempfile.mkdtemp()
    try:
        for name in ("package.json", "package-lock.json"):
            shutil.copy(os.path.join(root, name), work)
        run = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=work, capture_output=True, text=True)
        return sorted(set(re.findall(r"Missing: (\S+?)@\S* from lock file", run.stdout + run.stderr)))
    finally:
        shutil.rmtree(work)

def platform_of(name):
    tail = name.split("/")[-1]
    parts = re.split(r"[-_]", tail)
    os_name = next((o for o in OS_NAMES if o in parts), None)
    cpu = next((c for key, c in CPU_NAMES if key in parts or any(p.startswith(key) for p in parts if key != "arm")), None)
    return os_name, cpu

for attempt in range(5):
    missing = missing_packages()
    if not missing:
        print("package-lock.json is complete")
        sys.exit(0)
    lock = json.load(open(lock_path))
    packages = lock["packages"]
    for name in missing:
        version = None
        for entry in packages.values():
            version = (entry.get("optionalDependencies") or {}).get(name) or version
        os_name, cpu = platform_of(name)
        entry = {"version": version.lstrip("^~=") if version else "0.0.0", "optional": True}
        if os_name: entry["os"] = [os_name]
        if cpu: entry["cpu"] = [cpu]
        packages[f"node_modules/{name}"] = entry
        print(f"added {name}@{entry['version']} {entry.get('os')} {entry.get('cpu')}")
    lock["packages"] = dict(sorted(packages.items(), key=lambda kv: kv[0]))
    json.dump(lock, open(lock_path, "w"), indent=2)
    open(lock_path, "a").write("\n")
sys.exit("package-lock.json is still incomplete")
