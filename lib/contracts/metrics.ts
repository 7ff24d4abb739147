/** CloudWatch namespaces and metric names the kit publishes and alarms on. */

/** Credential age, published hourly by the credential age check. */
export const CREDENTIAL_NAMESPACE = 'BrokerGuard';
export const CREDENTIAL_AGE_METRIC = 'CredentialAgeDays';
/** Dimension of the age metric: the secret's name, `<deployment>/<segment>/<name>`. */
export const CREDENTIAL_DIMENSION = 'Credential';
/** Age reported for a flagged credential not yet replaced, so its alarm stays red. */
export const COMPROMISED_AGE_DAYS = 100000;

/** Login events (EMF lines from the classifier and bots). */
export const LOGIN_NAMESPACE = 'BrokerGuard/Login';
/** The count of login events; dimensions Segment, Event (and Category). */
export const LOGIN_EVENTS_METRIC = 'LoginEvents';
export const SEGMENT_DIMENSION = 'Segment';
export const EVENT_DIMENSION = 'Event';
export const CATEGORY_DIMENSION = 'Category';
/** 1 for each minute the classifier's clock found inside trading hours; dimension Deployment. */
export const TRADING_HOURS_METRIC = 'TradingHoursTick';
/** Failures the classifier survives (a device registry write); dimension Deployment. */
export const CLASSIFIER_FAILURES_METRIC = 'ClassifierFailures';
export const DEPLOYMENT_DIMENSION = 'Deployment';

/** The CIS CloudWatch.1–7 metric filters' namespace. */
export const CIS_NAMESPACE = 'BrokerGuard/CIS';
