// Draft FreeSewing designs for given bodies and print their geometry as JSON.
//
// Used by bench/pattern_vs_freesewing.py; no FreeSewing code lives in this project.
// The FreeSewing packages are installed with npm into a scratch folder (default
// var/freesewing/) and loaded from there by file URL.
//
//   node bench/freesewing/draft.mjs --fs-dir var/freesewing < request.json > result.json
//
// request: {"designs": ["titan", ...], "bodies": {"F": {<FreeSewing measurements, mm>}},
//           "settings": {"sa": 10}}
// result:  {"node", "versions": {package: version}, "results": {design: {body: {
//             "parts": {name: {"hidden", "points": {name: [x, y]},
//                              "paths": {name: {"pts": [[x, y]...], "closed", "marks": {point: [i...]}}}}},
//             "store": {flattened numeric store values}, "logs": {"warn": [], "error": []}}}}}
// Curves are flattened the same way the Python side flattens ours: a cubic from p0 with
// controls c1, c2 to p1 is sampled at n = max(8, ceil(control-polygon length / 1 mm))
// uniform parameter steps. `marks` names the polyline vertices that sit on named points.

import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

function arg(name, fallback) {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : fallback
}

const fsDir = path.resolve(arg('--fs-dir', 'var/freesewing'))
const modules = path.join(fsDir, 'node_modules', '@freesewing')

function pkgJson(name) {
  return JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8'))
}

async function load(name) {
  const pj = pkgJson(name)
  let entry = pj.exports?.['.'] ?? pj.module ?? pj.main
  if (entry && typeof entry === 'object') entry = entry.import ?? entry.default
  return import(pathToFileURL(path.join(modules, name, entry)).href)
}

const r2 = (v) => Math.round(v * 100) / 100

function cubic(p0, c1, c2, p1) {
  const poly = Math.hypot(c1.x - p0.x, c1.y - p0.y) + Math.hypot(c2.x - c1.x, c2.y - c1.y) +
    Math.hypot(p1.x - c2.x, p1.y - c2.y)
  const n = Math.max(8, Math.ceil(poly / 1.0))
  const out = []
  for (let i = 1; i <= n; i++) {
    const t = i / n
    const u = 1 - t
    const a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t
    out.push([a * p0.x + b * c1.x + c * c2.x + d * p1.x, a * p0.y + b * c1.y + c * c2.y + d * p1.y])
  }
  return out
}

function namesAt(points, pt) {
  const out = []
  for (const [k, v] of Object.entries(points)) {
    if (v && Math.abs(v.x - pt.x) < 1e-6 && Math.abs(v.y - pt.y) < 1e-6) out.push(k)
  }
  return out
}

// One path -> polyline (the first sub-path; FreeSewing seam paths have one) with marks.
function flattenPath(p, points) {
  const pts = []
  const marks = {}
  let closed = false
  let cur = null
  const mark = (pt) => {
    for (const n of namesAt(points, pt)) (marks[n] ??= []).push(pts.length - 1)
  }
  for (const op of p.ops) {
    if (op.type === 'move') {
      if (pts.length) break // a second sub-path: ignore
      pts.push([op.to.x, op.to.y])
      cur = op.to
      mark(op.to)
    } else if (op.type === 'line') {
      pts.push([op.to.x, op.to.y])
      cur = op.to
      mark(op.to)
    } else if (op.type === 'curve') {
      pts.push(...cubic(cur, op.cp1, op.cp2, op.to))
      cur = op.to
      mark(op.to)
    } else if (op.type === 'close') {
      closed = true
    }
  }
  // Drop the repeated closing vertex: a ring never repeats its first point.
  if (pts.length > 2) {
    const [fx, fy] = pts[0]
    const [lx, ly] = pts[pts.length - 1]
    if (Math.abs(fx - lx) < 1e-6 && Math.abs(fy - ly) < 1e-6) {
      closed = true
      const last = pts.length - 1
      pts.pop()
      for (const k of Object.keys(marks)) {
        marks[k] = [...new Set(marks[k].map((i) => (i === last ? 0 : i)))]
      }
    }
  }
  return { pts: pts.map(([x, y]) => [r2(x), r2(y)]), closed, marks }
}

function flatStore(o, pre = '', out = {}) {
  for (const [k, v] of Object.entries(o ?? {})) {
    if (k === 'logs' || k === 'cutlist' || k === 'partNumbers') continue
    if (typeof v === 'number' && Number.isFinite(v)) out[pre + k] = r2(v)
    else if (v && typeof v === 'object' && !Array.isArray(v)) flatStore(v, `${pre}${k}.`, out)
  }
  return out
}

function logs(store) {
  const l = store?.logs ?? {}
  return { warn: (l.warn ?? []).map(String), error: (l.error ?? []).map(String) }
}

async function draftOne(Design, measurements, settings) {
  const pattern = new Design({ ...settings, measurements }).draft()
  const set = pattern.parts[0]
  const parts = {}
  for (const [name, part] of Object.entries(set)) {
    const paths = {}
    for (const [pname, p] of Object.entries(part.paths)) {
      if (pname.startsWith('__') || !p.ops?.length) continue
      paths[pname] = flattenPath(p, part.points)
    }
    const points = {}
    for (const [k, v] of Object.entries(part.points)) {
      if (v && Number.isFinite(v.x) && Number.isFinite(v.y)) points[k] = [r2(v.x), r2(v.y)]
    }
    parts[name] = { hidden: Boolean(part.hidden), points, paths }
  }
  const store = pattern.setStores?.[0] ?? pattern.store
  const l1 = logs(pattern.store)
  const l2 = logs(store)
  return {
    parts,
    store: flatStore(store),
    logs: { warn: [...l1.warn, ...l2.warn], error: [...l1.error, ...l2.error] },
    options: Object.keys(pattern.config?.options ?? {}).length,
  }
}

const request = JSON.parse(fs.readFileSync(0, 'utf8'))
const versions = {}
for (const name of fs.readdirSync(modules)) {
  try {
    versions[name] = pkgJson(name).version
  } catch {
    // not a package folder
  }
}
const results = {}
for (const design of request.designs) {
  results[design] = {}
  let Design
  try {
    const mod = await load(design)
    Design = mod[design[0].toUpperCase() + design.slice(1)]
  } catch (err) {
    for (const body of Object.keys(request.bodies)) results[design][body] = { error: String(err) }
    continue
  }
  for (const [body, measurements] of Object.entries(request.bodies)) {
    try {
      results[design][body] = await draftOne(Design, measurements, request.settings ?? { sa: 10 })
    } catch (err) {
      results[design][body] = { error: String(err?.stack ?? err) }
    }
  }
}
process.stdout.write(JSON.stringify({ node: process.version, versions, results }))
