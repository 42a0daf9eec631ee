/** Colour as terminal users expect: --no-color and NO_COLOR turn it off, FORCE_COLOR on, else only on a terminal. */
export function useColour(stream: NodeJS.WriteStream, noColorFlag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (force !== undefined) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}
