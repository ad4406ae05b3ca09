import { type monEn } from './mon.en';

/** Seguimiento: cifras del equipo de alto riesgo, informes guardados, gráfico de líneas. */
export const monEs: Record<keyof typeof monEn, string> = {
  'monitoring.figure.team_referrals': 'Casos remitidos al equipo de alto riesgo',
  'monitoring.figure.team_repeats': 'Remisiones al equipo de alto riesgo (incluidas las repetidas en 12 meses)',
  'monitoring.figure.team_actions': 'Acciones del equipo de alto riesgo con vencimiento',
  'mon.stored.title': 'Informes anteriores',
  'mon.stored.none': 'Aún no se ha hecho ningún informe.',
  'mon.stored.caption': 'Informes que hizo su agencia, del más reciente al más antiguo',
  'mon.stored.made': 'Hecho',
  'mon.stored.by': 'Por',
  'mon.stored.period': 'Periodo',
  'mon.stored.grain': 'Agrupado por',
  'mon.stored.k': 'Cifras ocultas por debajo de',
  'mon.stored.checkpoint': 'Entradas del registro',
  'mon.stored.version': 'Versión de las cifras',
  'mon.stored.open': 'Abrir',
  'mon.stored.openLabel': 'Abrir el informe hecho el {time}',
  'mon.stored.showing': 'Mostrado',
  'mon.stored.unknownPerson': 'alguien que ya no está',
  'mon.lineLabel': '{caption}: una línea sobre {periods} periodos. Las mismas cifras están en la tabla de abajo.',
  'mon.lineHidden': 'Una marca rayada en el eje es una cifra oculta (menos de {k}, o retenida); la línea se corta ahí.',
  'mon.summary': 'De {from} a {to}: {first} en {firstAt}, {last} en {lastAt}; el máximo fue {high}, en {highAt}.',
  'mon.summaryHidden': 'Periodos ocultos: {hidden}.',
};
