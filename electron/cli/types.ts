export interface CliIO {
  out(s: string): void;
  err(s: string): void;
}

/** One CLI subcommand. Exit codes: 0 ok, 1 failure, 2 usage error. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}
