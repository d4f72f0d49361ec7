"""Structural skeleton: names, order, bases, sizes and dependencies only."""

from external import datetime, hashlib, secrets, time, defaultdict, timedelta, Address, Any, Callable, Dict, List, Optional, Pattern, Set, Tuple, TypedDict, TypeVar, Union, uuid4
from external import django, orjson, re2, uri_template, BitField, Bit, BitHandler, settings, AbstractBaseUser, AnonymousUser, PermissionsMixin, UserManager, GenericRelation, GinIndex, SearchVectorField
from external import ValidationError, DjangoJSONEncoder, MinLengthValidator, RegexValidator, validate_email, models, transaction, BaseDatabaseWrapper, CASCADE, Exists, F, OuterRef, Q, QuerySet, Sum, Lower, Upper
from external import post_delete, post_save, pre_delete, SQLCompiler, timezone_now, _, gettext_lazy, CTEManager, StrPromise, ValuesQuerySet, confirmation_settings, cache, cache_with_key, cache_set, cache_delete
from external import flush_message, flush_muting_users_cache, flush_realm, flush_stream, flush_submessage, flush_used_upload_space_cache, flush_user_profile, JsonableError, RateLimitedError
from external import flush_per_request_cache, return_same_value_during_entire_request, mark_sanitized, datetime_to_timestamp, generate_api_key
MAX_TOPIC_NAME_LENGTH = 0

MAX_LANGUAGE_ID_LENGTH = 0

SECONDS_PER_DAY = 0

class EmojiInfo(TypedDict):
    """(body elided)





    """


class AndZero(models.Lookup):
    """(body elided)







    """


class AndNonZero(models.Lookup):
    """(body elided)







    """


ModelT = 0

RowT = 0

def query_for_ids():
    """(body elided)




















    """
    return ()


def get_display_recipient_by_id():
    """(body elided)










    """
    return ()


def get_display_recipient():
    """(body elided)



    """
    return (get_display_recipient_by_id,)


def get_recipient_ids():
    """(body elided)


















    """
    return (Recipient, get_display_recipient)


def get_all_custom_emoji_for_realm_cache_key():
    """(body elided)"""
    return ()


supported_backends = 0

def supported_auth_backends():
    """(body elided)


    """
    return (supported_backends,)


def clear_supported_auth_backends_cache():
    """(body elided)
    """
    return (supported_backends,)


class RealmAuthenticationMethod(models.Model):
    """(body elided)










    """
    fk_0 = models.ForeignKey("Realm", on_delete=models.CASCADE)


class Realm(models.Model):
    """(body elided)













































































































































































































































































































































































































































































































































































































































































































































































































    """
    fk_0 = models.ForeignKey("UserGroup", on_delete=models.CASCADE)
    fk_1 = models.ForeignKey("Stream", on_delete=models.CASCADE)
    use_0 = SECONDS_PER_DAY
    use_1 = MAX_LANGUAGE_ID_LENGTH
    def calls(self):
        return (supported_auth_backends, RealmAuthenticationMethod, UserProfile, get_fake_email_domain, Attachment,)


register(Realm)

def realm_pre_and_post_delete_handler():
    """(body elided)

    """
    return ()


register(realm_pre_and_post_delete_handler, Realm)

register(realm_pre_and_post_delete_handler, Realm)

def get_realm():
    """(body elided)"""
    return (Realm,)


def get_realm_by_id():
    """(body elided)"""
    return (Realm,)


def name_changes_disabled():
    """(body elided)

    """
    return ()


def avatar_changes_disabled():
    """(body elided)"""
    return ()


def get_org_type_display_name():
    """(body elided)


    """
    return (Realm,)


class RealmDomain(models.Model):
    """(body elided)







    """
    use_0 = Realm


class DomainNotAllowedForRealmError(Exception):
    """(body elided)"""


class DisposableEmailError(Exception):
    """(body elided)"""


class EmailContainsPlusError(Exception):
    """(body elided)"""


class RealmDomainDict(TypedDict):
    """(body elided)
    """


def get_realm_domains():
    """(body elided)"""
    return ()


class RealmEmoji(models.Model):
    """(body elided)



































    """
    fk_0 = models.ForeignKey("UserProfile", on_delete=models.CASCADE)
    use_0 = Realm


def get_all_custom_emoji_for_realm_uncached():
    """(body elided)


































    """
    return (RealmEmoji, EmojiInfo)


@get_all_custom_emoji_for_realm_cache_key
def get_all_custom_emoji_for_realm():
    """(body elided)"""
    return (get_all_custom_emoji_for_realm_uncached,)


def get_name_keyed_dict_for_active_realm_emoji():
    """(body elided)
    """
    return (get_all_custom_emoji_for_realm,)


def flush_realm_emoji():
    """(body elided)














    """
    return (get_all_custom_emoji_for_realm_cache_key, get_all_custom_emoji_for_realm_uncached)


register(flush_realm_emoji, RealmEmoji)

register(flush_realm_emoji, RealmEmoji)

def filter_pattern_validator():
    """(body elided)














    """
    return ()


def url_template_validator():
    """(body elided)

    """
    return ()


class RealmFilter(models.Model):
    """(body elided)











































    """
    use_0 = Realm
    use_1 = url_template_validator
    def calls(self):
        return (filter_pattern_validator,)


def get_linkifiers_cache_key():
    return ()


@get_linkifiers_cache_key
def linkifiers_for_realm():
    """(body elided)






    """
    return (RealmFilter,)


def flush_linkifiers():
    """(body elided)

    """
    return (get_linkifiers_cache_key,)


register(flush_linkifiers, RealmFilter)

register(flush_linkifiers, RealmFilter)

class RealmPlayground(models.Model):
    """(body elided)


















































    """
    use_0 = Realm
    use_1 = url_template_validator


def get_realm_playgrounds():
    """(body elided)






    """
    return (RealmPlayground,)


class Recipient(models.Model):
    """(body elided)


















































    """
    def calls(self):
        return (Stream, get_display_recipient,)


class UserBaseSettings(models.Model):
    """(body elided)

















































































































































































































































































































































































    """
    use_0 = MAX_LANGUAGE_ID_LENGTH
    def calls(self):
        return (UserProfile,)


class RealmUserDefault(UserBaseSettings):
    """(body elided)




    """
    use_0 = Realm


class UserProfile(AbstractBaseUser, PermissionsMixin, UserBaseSettings):
    """(body elided)






















































































































































































































































































































































































































































































































    """
    fk_0 = models.ForeignKey("Stream", on_delete=models.CASCADE)
    use_0 = Realm
    use_1 = Recipient
    def calls(self):
        return (CustomProfileFieldValue, custom_profile_fields_for_realm, Realm, PasswordTooWeakError,)


class PasswordTooWeakError(Exception):
    """(body elided)"""


class UserGroup(models.Model):
    """(body elided)































































    """
    fk_0 = models.ForeignKey("UserGroupMembership", on_delete=models.CASCADE)
    fk_1 = models.ForeignKey("GroupGroupMembership", on_delete=models.CASCADE)
    use_0 = UserProfile
    use_1 = Realm


class UserGroupMembership(models.Model):
    """(body elided)


    """
    use_0 = UserGroup
    use_1 = UserProfile


class GroupGroupMembership(models.Model):
    """(body elided)







    """
    use_0 = UserGroup


def remote_user_to_email():
    """(body elided)
    """
    return ()


register(UserProfile)

class PreregistrationRealm(models.Model):
    """(body elided)



























    """
    use_0 = Realm
    use_1 = UserProfile


class PreregistrationUser(models.Model):
    """(body elided)



















































    """
    fk_0 = models.ForeignKey("Stream", on_delete=models.CASCADE)
    fk_1 = models.ForeignKey("MultiuseInvite", on_delete=models.CASCADE)
    use_0 = UserProfile
    use_1 = Realm


def filter_to_valid_prereg_users():
    """(body elided)





















    """
    return ()


class MultiuseInvite(models.Model):
    """(body elided)




    """
    fk_0 = models.ForeignKey("Stream", on_delete=models.CASCADE)
    use_0 = UserProfile
    use_1 = Realm
    use_2 = PreregistrationUser


class EmailChangeStatus(models.Model):
    """(body elided)






    """
    use_0 = UserProfile
    use_1 = Realm


class RealmReactivationStatus(models.Model):
    """(body elided)


    """
    use_0 = Realm


class AbstractPushDeviceToken(models.Model):
    """(body elided)






















    """


class PushDeviceToken(AbstractPushDeviceToken):
    """(body elided)



    """
    use_0 = UserProfile


def generate_email_token_for_stream():
    return ()


class Stream(models.Model):
    """(body elided)

































































































































































































    """
    use_0 = Realm
    use_1 = Recipient
    use_2 = UserGroup
    use_3 = generate_email_token_for_stream


register(Stream)

register(Stream)

class UserTopic(models.Model):
    """(body elided)


























































    """
    use_0 = UserProfile
    use_1 = Stream
    use_2 = Recipient
    use_3 = MAX_TOPIC_NAME_LENGTH


class MutedUser(models.Model):
    """(body elided)







    """
    use_0 = UserProfile


register(MutedUser)

register(MutedUser)

class Client(models.Model):
    """(body elided)



    """


get_client_cache = 0

def clear_client_cache():
    """(body elided)"""
    return (get_client_cache,)


def get_client():
    """(body elided)




    """
    return (Client, get_client_cache, get_client_remote_cache)


def get_client_cache_key():
    return ()


@get_client_cache_key
def get_client_remote_cache():
    """(body elided)"""
    return (Client,)


def get_realm_stream():
    return (Stream,)


def get_active_streams():
    """(body elided)

    """
    return (Stream,)


def get_linkable_streams():
    """(body elided)




    """
    return (Stream,)


def get_stream():
    """(body elided)



    """
    return (get_realm_stream,)


def get_stream_by_id_in_realm():
    return (Stream,)


def bulk_get_streams():
    """(body elided)
















    """
    return (get_active_streams, Stream)


def get_huddle_user_ids():
    """(body elided)






    """
    return (Recipient, Subscription)


def bulk_get_huddle_user_ids():
    """(body elided)


















    """
    return (Subscription,)


class AbstractMessage(models.Model):
    """(body elided)





































    """
    use_0 = UserProfile
    use_1 = Recipient
    use_2 = Realm
    use_3 = MAX_TOPIC_NAME_LENGTH
    use_4 = Client


class ArchiveTransaction(models.Model):
    """(body elided)





















    """
    use_0 = Realm


class ArchivedMessage(AbstractMessage):
    """(body elided)




    """
    use_0 = ArchiveTransaction


class Message(AbstractMessage):
    """(body elided)



























































































































































    """
    def calls(self):
        return (Recipient,)


def get_context_for_message():
    """(body elided)





    """
    return (Message,)


register(Message)

class AbstractSubMessage(models.Model):
    """(body elided)








    """
    use_0 = UserProfile


class SubMessage(AbstractSubMessage):
    """(body elided)



    """
    use_0 = Message
    def calls(self):
        return (SubMessage,)


class ArchivedSubMessage(AbstractSubMessage):
    """(body elided)"""
    use_0 = ArchivedMessage


register(SubMessage)

class Draft(models.Model):
    """(body elided)
















    """
    use_0 = UserProfile
    use_1 = Recipient
    use_2 = MAX_TOPIC_NAME_LENGTH
    def calls(self):
        return (get_recipient_ids,)


class AbstractEmoji(models.Model):
    """(body elided)









































    """
    use_0 = UserProfile


class AbstractReaction(AbstractEmoji):
    """(body elided)

    """


class Reaction(AbstractReaction):
    """(body elided)














    """
    use_0 = Message
    def calls(self):
        return (Reaction,)


class ArchivedReaction(AbstractReaction):
    """(body elided)"""
    use_0 = ArchivedMessage


class AbstractUserMessage(models.Model):
    """(body elided)


















































































































    """
    use_0 = UserProfile
    def calls(self):
        return (UserMessage,)


class UserMessage(AbstractUserMessage):
    """(body elided)
































































    """
    use_0 = Message
    def calls(self):
        return (UserMessage,)


def get_usermessage_by_message_id():
    """(body elided)





    """
    return (UserMessage,)


class ArchivedUserMessage(AbstractUserMessage):
    """(body elided)








    """
    use_0 = ArchivedMessage


class AbstractAttachment(models.Model):
    """(body elided)

































    """
    use_0 = UserProfile
    use_1 = Realm


class ArchivedAttachment(AbstractAttachment):
    """(body elided)


















    """
    use_0 = ArchivedMessage


class Attachment(AbstractAttachment):
    """(body elided)

























    """
    fk_0 = models.ForeignKey("ScheduledMessage", on_delete=models.CASCADE)
    use_0 = Message


register(Attachment)

register(Attachment)

def validate_attachment_request_for_spectator_access():
    """(body elided)

































    """
    return (Attachment, Message)


def validate_attachment_request():
    """(body elided)


































































    """
    return (Attachment, validate_attachment_request_for_spectator_access, UserProfile, Message, UserMessage, Subscription, Recipient, Stream)


def get_old_unclaimed_attachments():
    """(body elided)


































    """
    return (Attachment, ArchivedAttachment)


class Subscription(models.Model):
    """(body elided)
















































































    """
    use_0 = UserProfile
    use_1 = Recipient


def get_user_profile_by_id():
    """(body elided)
    """
    return (UserProfile,)


def get_user_profile_by_email():
    """(body elided)





    """
    return (UserProfile,)


def maybe_get_user_profile_by_api_key():
    """(body elided)






    """
    return (UserProfile,)


def get_user_profile_by_api_key():
    """(body elided)


    """
    return (maybe_get_user_profile_by_api_key, UserProfile)


def get_user_by_delivery_email():
    """(body elided)






    """
    return (UserProfile,)


def get_users_by_delivery_email():
    """(body elided)
















    """
    return (UserProfile,)


def get_user():
    """(body elided)








    """
    return (UserProfile,)


def get_active_user():
    """(body elided)



    """
    return (get_user, UserProfile)


def get_user_profile_by_id_in_realm():
    return (UserProfile,)


def get_active_user_profile_by_id_in_realm():
    """(body elided)

    """
    return (get_user_profile_by_id_in_realm, UserProfile)


def get_user_including_cross_realm():
    """(body elided)

    """
    return (is_cross_realm_bot_email, get_system_bot, get_user)


def get_system_bot():
    """(body elided)








    """
    return (UserProfile,)


def get_user_by_id_in_realm_including_cross_realm():
    """(body elided)









    """
    return (get_user_profile_by_id, is_cross_realm_bot_email, UserProfile)


def get_realm_user_dicts():
    """(body elided)



    """
    return (UserProfile,)


def active_user_ids():
    """(body elided)



    """
    return (UserProfile,)


def active_non_guest_user_ids():
    """(body elided)










    """
    return (UserProfile,)


def bot_owner_user_ids():
    """(body elided)










    """
    return ()


def get_source_profile():
    """(body elided)

    """
    return (get_user_by_delivery_email, get_realm_by_id, Realm, UserProfile)


def get_bot_dicts_in_realm():
    """(body elided)"""
    return (UserProfile,)


def is_cross_realm_bot_email():
    return ()


class Huddle(models.Model):
    """(body elided)
















    """
    use_0 = Recipient


def get_huddle_hash():
    """(body elided)
    """
    return ()


def huddle_hash_cache_key():
    return ()


def get_or_create_huddle():
    """(body elided)




    """
    return (get_huddle_hash, get_or_create_huddle_backend)


@huddle_hash_cache_key
def get_or_create_huddle_backend():
    """(body elided)

















    """
    return (Huddle, Recipient, Subscription, UserProfile)


class UserActivity(models.Model):
    """(body elided)















    """
    use_0 = UserProfile
    use_1 = Client


class UserActivityInterval(models.Model):
    """(body elided)










    """
    use_0 = UserProfile


class UserPresence(models.Model):
    """(body elided)
















































    """
    use_0 = UserProfile
    use_1 = Realm
    def calls(self):
        return (UserPresence,)


class UserStatus(AbstractEmoji):
    """(body elided)








    """
    use_0 = UserProfile
    use_1 = Client


class DefaultStream(models.Model):
    """(body elided)


    """
    use_0 = Realm
    use_1 = Stream


class DefaultStreamGroup(models.Model):
    """(body elided)














    """
    fk_0 = models.ForeignKey("Stream", on_delete=models.CASCADE)
    use_0 = Realm


def get_default_stream_groups():
    return (DefaultStreamGroup,)


class AbstractScheduledJob(models.Model):
    """(body elided)





    """
    use_0 = Realm


class ScheduledEmail(AbstractScheduledJob):
    """(body elided)















    """
    use_0 = UserProfile


class MissedMessageEmailAddress(models.Model):
    """(body elided)












    """
    use_0 = Message
    use_1 = UserProfile


class NotificationTriggers:
    """(body elided)









    """


class ScheduledMessageNotificationEmail(models.Model):
    """(body elided)

























    """
    use_0 = UserProfile
    use_1 = Message
    use_2 = NotificationTriggers
    use_3 = UserGroup


class APIScheduledStreamMessageDict(TypedDict):
    """(body elided)







    """


class APIScheduledDirectMessageDict(TypedDict):
    """(body elided)






    """


class ScheduledMessage(models.Model):
    """(body elided)
























































































    """
    use_0 = UserProfile
    use_1 = Recipient
    use_2 = MAX_TOPIC_NAME_LENGTH
    use_3 = Client
    use_4 = Stream
    use_5 = Realm
    use_6 = Message
    def calls(self):
        return (Recipient, get_recipient_ids, APIScheduledDirectMessageDict, APIScheduledStreamMessageDict,)


EMAIL_TYPES = (ScheduledEmail,)

class AbstractRealmAuditLog(models.Model):
    """(body elided)







































































































































































    """


class RealmAuditLog(AbstractRealmAuditLog):
    """(body elided)































































    """
    use_0 = Realm
    use_1 = UserProfile
    use_2 = Stream
    use_3 = UserGroup


class UserHotspot(models.Model):
    """(body elided)




    """
    use_0 = UserProfile


def check_valid_user_ids():
    """(body elided)




















    """
    return (Realm, get_user_profile_by_id_in_realm, UserProfile)


class CustomProfileField(models.Model):
    """(body elided)



























































































































    """
    use_0 = Realm
    use_1 = check_valid_user_ids
    def calls(self):
        return (CustomProfileField,)


def custom_profile_fields_for_realm():
    return (CustomProfileField,)


class CustomProfileFieldValue(models.Model):
    """(body elided)






    """
    use_0 = UserProfile
    use_1 = CustomProfileField


GENERIC_INTERFACE = 0

SLACK_INTERFACE = 0

class Service(models.Model):
    """(body elided)


































    """
    use_0 = UserProfile
    use_1 = GENERIC_INTERFACE
    use_2 = SLACK_INTERFACE


def get_bot_services():
    return (Service,)


def get_service_profile():
    return (Service,)


class BotStorageData(models.Model):
    """(body elided)



    """
    use_0 = UserProfile


class BotConfigData(models.Model):
    """(body elided)



    """
    use_0 = UserProfile


class InvalidFakeEmailDomainError(Exception):
    """(body elided)"""


def get_fake_email_domain():
    """(body elided)














    """
    return (InvalidFakeEmailDomainError,)


class AlertWord(models.Model):
    """(body elided)







    """
    use_0 = Realm
    use_1 = UserProfile


def flush_realm_alert_words():
    """(body elided)"""
    return ()


def flush_alert_word():
    """(body elided)"""
    return (flush_realm_alert_words,)


register(flush_alert_word, AlertWord)

register(flush_alert_word, AlertWord)

