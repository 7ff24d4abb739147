/**
 * Rotation function of an IBKR session secret: every run mints a fresh live session token
 * from the issuer secret named by ISSUER_SECRET_ID (see ibkr-oauth-issuer.ts), tests it and
 * promotes it. Deployed by IbkrSessionToken from dist/handlers/ibkr-session-rotation.
 */
import { ibkrOAuthIssuer } from './ibkr-oauth-issuer';
import { createRotationHandler } from './rotation-protocol';

export const handler = createRotationHandler(ibkrOAuthIssuer());
