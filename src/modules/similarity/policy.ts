/**
 * Who may do what with a consultation's knowledge. `ambassadorHere`: the actor is an ambassador of
 * at least one theme of this consultation (read from ambassador_themes by the route's loader).
 * The actor is taken structurally so that this module needs no other module's types.
 */
type Who = { id: number; role: string } | null | undefined;

export interface KnowledgeScope {
  ambassadorHere: boolean;
}

export const similarityPolicy = {
  /** The glossary: the DSI and the ambassadors of the consultation read and edit it. */
  canEditGlossary: (actor: Who, scope: KnowledgeScope): boolean => actor?.role === 'dsi' || (actor?.role === 'ambassadeur' && scope.ambassadorHere),
  /** The learned associations are shown to the same people… */
  canViewAssociations: (actor: Who, scope: KnowledgeScope): boolean => actor?.role === 'dsi' || (actor?.role === 'ambassadeur' && scope.ambassadorHere),
  /** …and only the DSI removes one (it changes every ambassador's suggestions). */
  canRemoveAssociation: (actor: Who): boolean => actor?.role === 'dsi',
};
