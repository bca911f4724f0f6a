import { registerMessages } from '../../shared/i18n';

/** French strings of the import of raw contributions (file and row errors, outcomes). */
registerMessages({
  'imports.file.empty': 'Le fichier est vide.',
  'imports.file.none': 'Choisissez un fichier CSV ou XLSX à importer.',
  'imports.file.refused': 'Le fichier est refusé : rien n’a été importé. Corrigez les erreurs listées ci-dessous puis envoyez-le de nouveau.',
  'imports.file.noData': 'Le fichier ne contient aucune ligne de données.',
  'imports.file.tooManyRows': 'Le fichier dépasse {max} lignes de données : découpez-le en plusieurs fichiers de {max} lignes au plus.',
  'imports.file.malformedCsv': 'Le fichier CSV est mal formé (vers la ligne {line}) : vérifiez les guillemets et les séparateurs.',
  'imports.file.recordTooLong': 'La ligne {line} est anormalement longue : un guillemet n’est sans doute pas refermé.',
  'imports.file.unreadableXlsx': 'Le fichier XLSX est illisible : enregistrez-le de nouveau depuis votre tableur, ou exportez-le en CSV.',
  'imports.file.oldXls': 'Le format Excel 97-2003 (.xls) n’est pas pris en charge : enregistrez le fichier au format .xlsx ou CSV.',
  'imports.file.binary': 'Le fichier ne semble pas être un fichier CSV ni XLSX.',
  'imports.file.tooLarge': 'Le fichier dépasse {max} Mo : découpez-le en plusieurs fichiers de {max} Mo au plus.',
  'imports.file.notXlsx':
    'Ce fichier n’est pas un classeur XLSX : son contenu ne correspond pas à son extension. Enregistrez-le au format .xlsx depuis votre tableur, ou exportez-le en CSV.',
  'imports.file.xlsxTooLarge':
    'Ce classeur XLSX se décompresse en plus de {max} Mo : il est refusé par sécurité. Exportez ses données en CSV, ou découpez-le en plusieurs classeurs.',
  'imports.file.xlsxRatio':
    'Ce classeur XLSX est anormalement compressé (l’élément « {name} » grossit plus de {max} fois une fois décompressé) : il est refusé par sécurité. Enregistrez-le de nouveau depuis votre tableur, ou exportez-le en CSV.',
  'imports.file.xlsxTooManyEntries':
    'Ce classeur XLSX contient trop d’éléments internes ({count} ; {max} au plus) : il est refusé par sécurité. Exportez ses données en CSV.',
  'imports.file.xlsxSizesLie':
    'Ce classeur XLSX est incohérent : les tailles qu’il annonce ne correspondent pas à leur contenu. Il est refusé par sécurité ; enregistrez-le de nouveau depuis votre tableur, ou exportez-le en CSV.',
  'imports.file.missingText':
    'Colonne obligatoire absente : « texte » (ou « text », « contribution »). Colonnes trouvées : {found}.',
  'imports.row.textMissing': 'Le texte de la contribution est vide.',
  'imports.row.textTooShort': 'Le texte est trop court ({length} caractères ; {min} au moins).',
  'imports.row.textTooLong': 'Le texte est trop long ({length} caractères ; {max} au plus).',
  'imports.row.referenceTooLong': 'La référence ne doit pas dépasser {max} caractères.',
  'imports.row.authorTooLong': 'Le nom de l’auteur ne doit pas dépasser {max} caractères.',
  'imports.row.unknownWorkshop': 'Atelier inconnu dans cette consultation : « {value} » (indiquez le titre exact de l’atelier ou son numéro).',
  'imports.row.ambiguousWorkshop': 'Plusieurs ateliers portent le titre « {value} » : indiquez le numéro de l’atelier.',
  'imports.row.unknownTheme': 'Thématique inconnue : « {value} » (indiquez le code ou le titre d’une thématique de la consultation, ou laissez vide pour « à classer »).',
  'imports.row.badDate': 'Date invalide : « {value} » (formats acceptés : JJ/MM/AAAA, AAAA-MM-JJ ou date Excel).',
  'imports.row.futureDate': 'La date « {value} » est dans le futur.',
  'imports.row.duplicate': 'Doublon de la ligne {line} (même texte, même référence, même atelier, même auteur).',
  'imports.run.done': 'Import terminé : {created|# contribution créée|# contributions créées}, {skipped|# déjà importée|# déjà importées}.',
  'imports.run.started': 'Import lancé : la page se met à jour pendant l’import.',
  'imports.run.notLaunchable': 'Cet import ne peut pas être lancé : {reason}',
  'imports.run.hasErrors': 'le fichier contient des erreurs. Corrigez-le puis envoyez-le de nouveau.',
  'imports.run.alreadyStarted': 'il est déjà en cours ou terminé.',
  'imports.run.fileGone': 'le fichier envoyé n’est plus disponible. Envoyez-le de nouveau.',
  'imports.run.unexpected': 'Erreur inattendue pendant l’import : aucune contribution n’a été importée. Réessayez ; si l’erreur persiste, contactez l’équipe technique.',
  // A run's state, as the list and the run's page show it (the job states of shared/jobs, and the preview's cases).
  'imports.status.en_attente': 'Aperçu, en attente de lancement',
  'imports.status.expire': 'Aperçu expiré',
  'imports.status.refuse': 'Refusé : le fichier contient des erreurs',
  'imports.status.en_cours': 'En cours',
  'imports.status.interrompu': 'Interrompu : rien n’a été importé',
  'imports.status.terminee': 'Terminé',
  'imports.status.echouee': 'Échoué : rien n’a été importé',
  'imports.run.interrupted': 'L’import a été interrompu (redémarrage du serveur ?) : aucune contribution n’a été importée. Envoyez le fichier de nouveau.',
});
