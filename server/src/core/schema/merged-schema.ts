// The schema a check sees: CubicWeb's core, the cubes of __depends__ (recursively, dependencies first), then the application's own.
import { join, relative, sep } from 'node:path';
import { isTooLargeToAnalyse } from '../document-size';
import type { PythonParser } from '../python/parser';
import { readCubeDependencies, findCube, type CubeDependency, type CubeSearch } from '../workspace/cubes';
import type { DirectoryEntry, TextRead } from '../workspace/file-system';
import type { ApplicationSchema, SchemaLocation } from './application-schema';
import { buildSchema, type SchemaInput } from './build-schema';
import { coreSchemaSources, isCoreSchemaPath } from './core-schema';
import { schemaFilesOf } from './schema-files';
import { forgetEditedSchemaModules, readEditedSchemaModule, readSchemaModule, type SchemaModule } from './schema-module';
import { moduleShape, relocateModule, sameShape } from './schema-module-shape';
import { mayRelocate } from '../recorded-reads';

/** What reading a schema needs from the workspace (the index: open editors' texts win over the disk). */
export interface SchemaFiles {
  readText(path: string): TextRead;
  kindOf(path: string): DirectoryEntry['kind'] | undefined;
  readDirectory(path: string): DirectoryEntry[] | undefined;
}

export interface MissingCube {
  name: string;
  /** Who names it: the application itself (undefined), or the cube (by name) whose __depends__ does. */
  neededBy?: string;
  dependency: CubeDependency;
  /** The application's own __depends__ entry it is needed through (itself, when the application names it). */
  via: CubeDependency;
}

export interface MergedSchema {
  schema: ApplicationSchema;
  /** The application's own schema modules (schema.py, or every module of schema/), in load order. */
  ownFiles: string[];
  /** Found cubes, dependencies first: name and folder. */
  cubes: { name: string; folder: string }[];
  missingCubes: MissingCube[];
  /** Every path read or looked at: a change to one of them changes this schema. */
  inputs: Set<string>;
  /** How to name a schema file in messages: "schema.py", "the file cube's schema.py", "CubicWeb's core schema (base.py)". */
  describe(location: SchemaLocation): string;
}

// Parsed modules by path and text: a cube shared by ten applications is parsed once. Bounded.
const MAX_MODULES = 2000;
const modules = new Map<string, { text: string; module: SchemaModule; shape?: string[] }>();
let coreModules: SchemaModule[] | undefined;

function moduleOf(parser: PythonParser, path: string, text: string): SchemaModule {
  const known = modules.get(path);
  if (known?.text === text) return known.module;
  // A module read before with another text is being edited: read incrementally (schema-module keeps its tree).
  const module = known ? readEditedSchemaModule(parser, text, path, known.text) : readSchemaModule(parser, text, path);
  modules.delete(path);
  if (known && mayRelocate()) {
    // An edit that moved offsets only (a docstring, a comment): the module read before stays, its locations moved, so a
    // schema built from it is the same object, still right, and no cached check result needs validating again.
    const shape = moduleShape(module);
    known.shape ??= moduleShape(known.module);
    if (sameShape(known.shape, shape)) {
      relocateModule(known.module, module);
      modules.set(path, { text, module: known.module, shape: known.shape });
      return known.module;
    }
    modules.set(path, { text, module, shape });
  } else {
    modules.set(path, { text, module });
  }
  if (modules.size > MAX_MODULES) modules.delete(modules.keys().next().value!);
  return module;
}

// The last schema built per application root, with what it was built from: the same modules (by identity), origins and
// missing cubes build the same schema, so it is given again (relocated in place when only offsets moved).
const lastBuilt = new Map<string, { inputs: SchemaInput[]; missing: string; schema: ApplicationSchema }>();
const MAX_BUILT = 64;

function builtSchema(root: string, inputs: SchemaInput[], missingCubes: string[]): ApplicationSchema {
  const missing = JSON.stringify(missingCubes);
  const last = lastBuilt.get(root);
  if (last && last.missing === missing && last.inputs.length === inputs.length && last.inputs.every((i, k) => i.module === inputs[k].module && i.origin === inputs[k].origin)) {
    return last.schema;
  }
  const schema = buildSchema(inputs, { missingCubes: new Set(missingCubes), cubicweb: true });
  lastBuilt.delete(root);
  lastBuilt.set(root, { inputs, missing, schema });
  if (lastBuilt.size > MAX_BUILT) lastBuilt.delete(lastBuilt.keys().next().value!);
  return schema;
}

/** Forgets the modules read (tests compare a session's schema with one read from nothing). */
export function forgetSchemaModules(): void {
  modules.clear();
  lastBuilt.clear();
  forgetEditedSchemaModules();
}

/** The core schema's modules (read once: they ship with the product and never change while it runs). */
export function coreSchemaModules(parser: PythonParser): SchemaModule[] {
  return (coreModules ??= coreSchemaSources().map(({ path, text }) => readSchemaModule(parser, text, path)));
}

let coreSchema: ApplicationSchema | undefined;

/** CubicWeb's core schema alone (what `normalizeSchema(schema, core)` leaves out). */
export function readCoreSchema(parser: PythonParser): ApplicationSchema {
  return (coreSchema ??= buildSchema(coreSchemaModules(parser).map((module) => ({ module, origin: 'core' })), { cubicweb: true }));
}

/**
 * Reads the merged schema of the application at `root`. Cubes are read in dependency order (a cube's dependencies
 * before it, each once, cycles cut); a cube that cannot be found is listed in `missingCubes` and what it would have
 * defined is unknowable (checks stay silent about it).
 */
export function readMergedSchema(parser: PythonParser, files: SchemaFiles, root: string, search: CubeSearch): MergedSchema {
  const inputs = new Set<string>();
  const read = (path: string): string | undefined => {
    inputs.add(path);
    const text = files.readText(path).text;
    // A file too large to analyse is left out, as scripts are (the pipeline says so on the file).
    return text !== undefined && isTooLargeToAnalyse(text) ? undefined : text;
  };
  const pkginfoPath = join(root, '__pkginfo__.py');
  const ownDependencies = readCubeDependencies(read(pkginfoPath) ?? '');
  inputs.add(join(root, 'schema.py'));
  inputs.add(join(root, 'schema'));

  // Depth-first over __depends__, iteratively: a cube is emitted after its dependencies.
  const cubes: { name: string; folder: string }[] = [];
  const missingCubes: MissingCube[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: { dependency: CubeDependency; via: CubeDependency; neededBy?: string; folder?: string; expanded: boolean }[] =
    ownDependencies.map((dependency) => ({ dependency, via: dependency, expanded: false })).reverse();
  while (stack.length) {
    const top = stack[stack.length - 1];
    const name = top.dependency.name;
    if (top.expanded) {
      stack.pop();
      state.set(name, 'done');
      cubes.push({ name, folder: top.folder! });
      continue;
    }
    if (state.has(name)) {
      stack.pop();
      continue;
    }
    const lookup = findCube(files, name, search);
    for (const path of lookup.probed) inputs.add(path);
    if (!lookup.folder) {
      stack.pop();
      state.set(name, 'done');
      missingCubes.push({ name, neededBy: top.neededBy, dependency: top.dependency, via: top.via });
      continue;
    }
    state.set(name, 'visiting');
    top.folder = lookup.folder;
    top.expanded = true;
    inputs.add(join(lookup.folder, 'schema.py'));
    inputs.add(join(lookup.folder, 'schema'));
    const dependencies = readCubeDependencies(read(join(lookup.folder, '__pkginfo__.py')) ?? '');
    for (let i = dependencies.length - 1; i >= 0; i--) {
      if (!state.has(dependencies[i].name)) stack.push({ dependency: dependencies[i], via: top.via, neededBy: name, expanded: false });
    }
  }

  const schemaInputs: SchemaInput[] = coreSchemaModules(parser).map((module) => ({ module, origin: 'core' }));
  const labels = new Map<string, string>();
  for (const cube of cubes) {
    for (const path of schemaFilesOf(files, cube.folder)) {
      const text = read(path);
      if (text === undefined) continue;
      schemaInputs.push({ module: moduleOf(parser, path, text), origin: 'cube' });
      labels.set(path, `the ${cube.name} cube's ${relative(cube.folder, path).split(sep).join('/')}`);
    }
  }
  const ownFiles = schemaFilesOf(files, root);
  for (const path of ownFiles) {
    const text = read(path);
    if (text === undefined) continue;
    schemaInputs.push({ module: moduleOf(parser, path, text), origin: 'application' });
    labels.set(path, relative(root, path).split(sep).join('/'));
  }
  const schema = builtSchema(root, schemaInputs, missingCubes.map((m) => m.name));
  const describe = (location: SchemaLocation) => {
    const label = labels.get(location.path) ?? (isCoreSchemaPath(location.path) ? `CubicWeb's core schema (${location.path.split(/[\\/]/).pop()})` : location.path);
    return `${label} line ${location.line + 1}`;
  };
  return { schema, ownFiles, cubes, missingCubes, inputs, describe };
}
