import type { Command, Help, Option, Argument } from 'commander';

/**
 * The command line speaks French: commander words its parse errors and its help in English, with no
 * locale setting. Its errors go through `outputError` as whole lines, so they are translated there by
 * their fixed shape; help headings and option details through `configureHelp`. Settings made here on
 * the program are inherited by every subcommand declared after.
 */

/** Commander's error lines (commander 14, lib/command.js) → their French wording. */
const ERRORS: Array<[RegExp, (...m: string[]) => string]> = [
  [/^error: unknown command '(.*)'$/, (c) => `Erreur : commande inconnue « ${c} ».`],
  [/^error: unknown option '(.*)'$/, (o) => `Erreur : option inconnue « ${o} ».`],
  [/^error: required option '(.*)' not specified$/, (o) => `Erreur : l’option obligatoire « ${o} » manque.`],
  [/^error: missing required argument '(.*)'$/, (a) => `Erreur : l’argument obligatoire « ${a} » manque.`],
  [/^error: option '(.*)' argument missing$/, (o) => `Erreur : l’option « ${o} » attend une valeur.`],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/,
    (o, v, choices) => `Erreur : « ${v} » n’est pas une valeur permise pour l’option « ${o} ». Valeurs permises : ${choices}.`,
  ],
  [/^error: option '(.*)' argument '(.*)' is invalid\.(.*)$/, (o, v, why) => `Erreur : la valeur « ${v} » de l’option « ${o} » n’est pas valable.${why}`],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (cmd, expected, got) =>
      `Erreur : trop d’arguments${cmd ? ` pour « ${cmd} »` : ''} : ${expected} attendu${Number(expected) > 1 ? 's' : ''}, ${got} reçu${Number(got) > 1 ? 's' : ''}.`,
  ],
  [/^error: (.*) cannot be used with (.*)$/, (a, b) => `Erreur : ${a} ne peut pas être utilisée avec ${b}.`],
  [/^\(Did you mean one of (.*)\?\)$/, (list) => `(Vouliez-vous dire l’une de celles-ci : ${list} ?)`],
  [/^\(Did you mean (.*)\?\)$/, (s) => `(Vouliez-vous dire ${s} ?)`],
];

/** One line of commander's output in French (lines it does not know pass unchanged). */
export function frenchLine(line: string): string {
  for (const [re, word] of ERRORS) {
    const m = re.exec(line);
    if (m) return word(...m.slice(1).map((s) => s ?? ''));
  }
  return line;
}

const TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Global Options:': 'Options générales :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
};

/** « (choices: "a", "b", default: "x") » → « (valeurs : a, b ; par défaut : x) ». */
function frenchDetails(text: string): string {
  return text
    .replace(/\bchoices: /, 'valeurs : ')
    .replace(/, default: /, ' ; par défaut : ')
    .replace(/\bdefault: /, 'par défaut : ')
    .replace(/, env: /, ' ; variable : ')
    .replace(/\benv: /, 'variable : ');
}

export function speakFrench(program: Command): Command {
  return program
    .helpOption('-h, --help', 'affiche cette aide')
    .helpCommand('help [commande]', 'affiche l’aide d’une commande')
    .configureOutput({
      outputError: (str, write) => write(str.split('\n').map(frenchLine).join('\n')),
    })
    .configureHelp({
      styleTitle: (title: string) => TITLES[title] ?? title,
      styleUsage: (usage: string) => usage.replace('[options]', '[options]').replace('[command]', '[commande]'),
      optionDescription(this: Help, option: Option) {
        return frenchDetails(Object.getPrototypeOf(this).optionDescription.call(this, option));
      },
      argumentDescription(this: Help, argument: Argument) {
        return frenchDetails(Object.getPrototypeOf(this).argumentDescription.call(this, argument));
      },
    })
    .showHelpAfterError('Aide : ensemble --help, ou ensemble help <commande>');
}
