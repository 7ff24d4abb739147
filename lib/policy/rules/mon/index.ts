import LoginAnomalyAlarms from './LoginAnomalyAlarms';
import AlarmHasAction from './AlarmHasAction';
import AlertTopicSecure from './AlertTopicSecure';

/** Monitoring: login-anomaly alarms per segment, alarms that notify, a secure alert topic. */
export const MON_RULES = [LoginAnomalyAlarms, AlarmHasAction, AlertTopicSecure];
