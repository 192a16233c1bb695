import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tyndau.appeals.validators import check_digit_ok, validate_bin, validate_iin


@pytest.mark.parametrize("number", ["791028302728", "061211600012"])
def test_official_examples_are_valid(number):
    assert check_digit_ok(number)
    validate_iin(number)


@pytest.mark.parametrize("number", ["791028302729", "061211600013", "000000000001"])
def test_a_wrong_check_digit_is_refused_with_a_clear_message(number):
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        validate_iin(number)
    assert "контрольная цифра" in error.value.messages[0]


@pytest.mark.parametrize("number", ["", "12345", "79102830272a", "7910283027281"])
def test_not_twelve_digits_is_refused(number):
    with translation.override("kk"), pytest.raises(ValidationError) as error:
        validate_iin(number)
    assert "12" in error.value.messages[0]


def test_second_weights_are_used_when_the_first_sum_gives_ten():
    # Build a number whose first weighted sum is 10 mod 11, then check the second pass.
    base = "00000000001"  # weights 1..11: 1*11 = 11 -> 0; find one giving 10
    for prefix in range(10**5):
        digits = f"{prefix:05d}000000"[:11]
        s1 = sum(int(d) * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
        if s1 == 10:
            w2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
            s2 = sum(int(d) * w for d, w in zip(digits, w2, strict=True)) % 11
            if s2 != 10:
                assert check_digit_ok(digits + str(s2))
                assert not check_digit_ok(digits + str((s2 + 1) % 10))
                return
    pytest.fail(f"no example found from {base}")


def test_bin_uses_the_same_algorithm():
    validate_bin("061211600012")
    with pytest.raises(ValidationError):
        validate_bin("061211600011")
