// Binds a call's arguments to a primitive's parameters the way Python does, and says what does not fit.
import type { Parameter, Primitive } from '../../core/catalog/catalog';

export interface ArgumentShape {
  kind: 'positional' | 'keyword' | 'unpacked-sequence' | 'unpacked-mapping';
  position: number;
  keyword?: string;
}

export interface Binding<A extends ArgumentShape> {
  /** Parameter name to the argument given for it (`*args`/`**kwargs` parameters are not listed). */
  bound: Map<string, A>;
  /** Each argument's parameter (undefined when it fits none). */
  parameterOf: Map<A, Parameter | undefined>;
  /** What Python would raise a TypeError for, one sentence each. */
  problems: { argument?: A; message: string }[];
}

export function bindArguments<A extends ArgumentShape>(primitive: Primitive, args: readonly A[]): Binding<A> {
  const named = primitive.parameters.filter((p) => p.kind === 'positional-or-keyword');
  const varPositional = primitive.parameters.find((p) => p.kind === 'var-positional');
  const varKeyword = primitive.parameters.find((p) => p.kind === 'var-keyword');
  const keywordOnly = primitive.parameters.filter((p) => p.kind === 'keyword-only');
  const bound = new Map<string, A>();
  const parameterOf = new Map<A, Parameter | undefined>();
  const problems: Binding<A>['problems'] = [];
  const unpacked = args.some((a) => a.kind === 'unpacked-sequence' || a.kind === 'unpacked-mapping');
  const positional = args.filter((a) => a.kind === 'positional');

  positional.forEach((argument, i) => {
    const parameter = named[i];
    if (parameter) {
      bound.set(parameter.name, argument);
      parameterOf.set(argument, parameter);
    } else {
      parameterOf.set(argument, varPositional);
    }
  });
  if (!varPositional && positional.length > named.length && !args.some((a) => a.kind === 'unpacked-sequence')) {
    problems.push({
      argument: positional[named.length],
      message: `${primitive.name}() takes at most ${named.length} positional argument${named.length === 1 ? '' : 's'} (${named.map((p) => p.name).join(', ')}) but ${positional.length} were given`,
    });
  }
  for (const argument of args) {
    if (argument.kind !== 'keyword' || argument.keyword === undefined) continue;
    const parameter = named.find((p) => p.name === argument.keyword) ?? keywordOnly.find((p) => p.name === argument.keyword);
    if (parameter) {
      if (bound.has(parameter.name)) problems.push({ argument, message: `${primitive.name}() got multiple values for argument '${parameter.name}'` });
      bound.set(parameter.name, argument);
      parameterOf.set(argument, parameter);
    } else if (varKeyword) {
      parameterOf.set(argument, varKeyword);
    } else {
      const accepted = [...named, ...keywordOnly].map((p) => p.name).join(', ');
      problems.push({ argument, message: `${primitive.name}() has no parameter '${argument.keyword}'; its parameters are ${accepted || 'none'}` });
    }
  }
  // With *x or **x unpacked we cannot tell what is missing.
  if (!unpacked) {
    const missing = named.filter((p) => p.default === undefined && !bound.has(p.name)).map((p) => `'${p.name}'`);
    if (missing.length) {
      problems.push({ message: `${primitive.name}() is missing required argument${missing.length === 1 ? '' : 's'} ${missing.join(', ')}` });
    }
  }
  return { bound, parameterOf, problems };
}
