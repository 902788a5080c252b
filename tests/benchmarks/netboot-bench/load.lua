-- wrk script of tests/benchmarks/netboot.sh (wrk's Lua API: init, request, done).
--   wrk ... -s load.lua URL -- configs N   random workers of N: half cloud-configs, half per-machine iPXE scripts,
--                                          named as NetbootBench's fleet names them (worker-0001, 52:54:00:00:00:01)
--   wrk ... -s load.lua URL -- asset PATH  one file (the kernel), over and over
-- done() prints one line that NetbootBench reads: requests, bytes, seconds, latency percentiles in µs, errors.

local mode, workers, asset
local counter = 0

init = function(args)
  mode = args[1]
  if mode == "configs" then
    workers = tonumber(args[2])
    counter = 0
    math.randomseed(12345 + #tostring(args))
  else
    asset = args[2]
  end
end

local function mac(i)
  return string.format("52-54-00-%02x-%02x-%02x", math.floor(i / 65536) % 256, math.floor(i / 256) % 256, i % 256)
end

request = function()
  if mode ~= "configs" then
    return wrk.format("GET", asset)
  end
  counter = counter + 1
  local i = math.random(1, workers)
  if counter % 2 == 0 then
    return wrk.format("GET", string.format("/worker-%04d/cloud-config.yml", i))
  end
  return wrk.format("GET", "/ipxe/" .. mac(i) .. ".ipxe")
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d bytes=%d seconds=%.3f p50=%d p90=%d p99=%d max=%d errors=%d\n",
    summary.requests, summary.bytes, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
