import NoHardCodedSecretString from './NoHardCodedSecretString';
import NoPlaintextSecretInEnvironment from './NoPlaintextSecretInEnvironment';

/** Secret values: never written in a template, kit-made or not. */
export const SEC_RULES = [NoHardCodedSecretString, NoPlaintextSecretInEnvironment];
