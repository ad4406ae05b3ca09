/**
 * The role the API's request-serving connections run as. It owns nothing and holds only the grants
 * each migration gives it explicitly: deny by default, in the database too.
 */
export const API_DATABASE_ROLE = 'ccr_api';
